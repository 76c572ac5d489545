// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

interface IAggregatorV3 {
    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80);
}

/// Aave V3's oracle (AaveOracle) reads the legacy `latestAnswer()`; the local chain's feeds speak
/// the AggregatorV3 interface only. This passes the feed's latest answer through, so the lending
/// venue prices collateral from the same Chainlink-interface feeds as the rest of the desk.
contract AaveFeedAdapter {
    IAggregatorV3 public immutable feed;

    constructor(IAggregatorV3 feed_) {
        feed = feed_;
    }

    function latestAnswer() external view returns (int256 answer) {
        (, answer,,,) = feed.latestRoundData();
    }
}
