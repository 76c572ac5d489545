// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

interface ISwapRouterV3 {
    struct ExactInputSingleParams {
        address tokenIn;
        address tokenOut;
        uint24 fee;
        address recipient;
        uint256 deadline;
        uint256 amountIn;
        uint256 amountOutMinimum;
        uint160 sqrtPriceLimitX96;
    }

    function exactInputSingle(ExactInputSingleParams calldata params) external payable returns (uint256 amountOut);
}

interface IRouterV2 {
    function swapExactTokensForTokens(uint256 amountIn, uint256 amountOutMin, address[] calldata path, address to, uint256 deadline) external returns (uint256[] memory amounts);
}

/// @title Both legs of a cross-venue arbitrage in one transaction
/// @notice Takes `amountIn` of tokenA from the owner (the treasury), swaps it to tokenB on one venue
///         and back on another, and reverts unless what comes back is at least amountIn + minProfit:
///         no leg risk, no loss beyond gas. A venue is the Uniswap V2 pair or a Uniswap V3 pool of a
///         given fee tier, so the round trip may be V3 ↔ V2 or between two V3 fee tiers. Only the
///         owner may call it; it holds nothing between calls.
contract ArbExecutor {
    using SafeERC20 for IERC20;

    /// One leg's venue: the Uniswap V3 pool of fee tier `fee` (hundredths of a basis point), or,
    /// with `v3` false, the Uniswap V2 pair (its fee is fixed at 0.3 %; `fee` is not read).
    struct Leg {
        bool v3;
        uint24 fee;
    }

    address public immutable owner;
    ISwapRouterV3 public immutable v3Router;
    IRouterV2 public immutable v2Router;

    error NotOwner();
    error Expired();
    error SameVenue();
    error NotProfitable(uint256 amountOut, uint256 required);

    constructor(address owner_, address v3Router_, address v2Router_) {
        owner = owner_;
        v3Router = ISwapRouterV3(v3Router_);
        v2Router = IRouterV2(v2Router_);
    }

    /// @param buy where tokenA buys tokenB; @param sell where tokenB is sold back for tokenA.
    /// @return profit tokenA gained (returned to the owner with the stake).
    function execute(address tokenA, address tokenB, uint256 amountIn, Leg calldata buy, Leg calldata sell, uint256 minProfit, uint256 deadline)
        external
        returns (uint256 profit)
    {
        if (msg.sender != owner) revert NotOwner();
        if (block.timestamp > deadline) revert Expired();
        // Out and back through one pool only pays its fee twice.
        if (buy.v3 == sell.v3 && (!buy.v3 || buy.fee == sell.fee)) revert SameVenue();
        IERC20(tokenA).safeTransferFrom(msg.sender, address(this), amountIn);
        uint256 mid = _swap(buy, tokenA, tokenB, amountIn, deadline);
        uint256 out = _swap(sell, tokenB, tokenA, mid, deadline);
        if (out < amountIn + minProfit) revert NotProfitable(out, amountIn + minProfit);
        IERC20(tokenA).safeTransfer(msg.sender, out);
        return out - amountIn;
    }

    // Legs take no minimum of their own: the final check covers the round trip, and a revert undoes both.
    function _swap(Leg calldata leg, address tokenIn, address tokenOut, uint256 amountIn, uint256 deadline) private returns (uint256) {
        return leg.v3 ? _onV3(tokenIn, tokenOut, leg.fee, amountIn, deadline) : _onV2(tokenIn, tokenOut, amountIn, deadline);
    }

    function _onV3(address tokenIn, address tokenOut, uint24 fee, uint256 amountIn, uint256 deadline) private returns (uint256) {
        IERC20(tokenIn).forceApprove(address(v3Router), amountIn);
        return v3Router.exactInputSingle(
            ISwapRouterV3.ExactInputSingleParams({
                tokenIn: tokenIn,
                tokenOut: tokenOut,
                fee: fee,
                recipient: address(this),
                deadline: deadline,
                amountIn: amountIn,
                amountOutMinimum: 0,
                sqrtPriceLimitX96: 0
            })
        );
    }

    function _onV2(address tokenIn, address tokenOut, uint256 amountIn, uint256 deadline) private returns (uint256) {
        IERC20(tokenIn).forceApprove(address(v2Router), amountIn);
        address[] memory path = new address[](2);
        path[0] = tokenIn;
        path[1] = tokenOut;
        uint256[] memory amounts = v2Router.swapExactTokensForTokens(amountIn, 0, path, address(this), deadline);
        return amounts[1];
    }
}
