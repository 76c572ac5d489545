// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title DAI-like token for local chains only
/// @notice 18 decimals (as DAI has, unlike the 6 of USDC and USDT), so every amount path is tested
///         against a stablecoin whose base unit is 10^12 times smaller; public faucet (`mint`).
contract TestDaiToken is ERC20 {
    constructor() ERC20("Dai Stablecoin (test)", "DAI") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
