// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/// @title Go Coffee payment router
/// @notice Pays an invoice in the native coin or an accepted ERC-20. The funds go straight from the
///         payer to the recipient in the same call (the router never holds a balance) and a
///         `Payment` event carries the invoice reference, so the payment watcher matches payments
///         to invoices without one address per invoice (Request Network's payment-reference idea).
/// @dev The recipient is an argument, as in Request Network's fee proxies: one router serves every
///      shop. The watcher only credits an invoice when `to` is that invoice's receiving address and
///      `token` is its token, so a payment sent elsewhere never settles anything.
contract PaymentRouter is Ownable, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice The native coin in `Payment.token`.
    address public constant NATIVE = address(0);

    /// @notice ERC-20 tokens this router forwards (an allowlist: unknown tokens are refused).
    mapping(address token => bool) public acceptedTokens;

    event Payment(bytes32 indexed paymentRef, address indexed payer, address indexed token, address to, uint256 amount);
    event TokenAccepted(address indexed token, bool accepted);

    error ZeroAmount();
    error ZeroRecipient();
    error ZeroReference();
    error TokenNotAccepted(address token);
    error NativeTransferFailed();

    constructor(address owner_, address[] memory tokens) Ownable(owner_) {
        for (uint256 i = 0; i < tokens.length; i++) {
            _setToken(tokens[i], true);
        }
    }

    /// @notice Pays `paymentRef` with the value sent, forwarded to `to`.
    function payNative(bytes32 paymentRef, address payable to) external payable nonReentrant {
        if (msg.value == 0) revert ZeroAmount();
        _check(paymentRef, to);
        emit Payment(paymentRef, msg.sender, NATIVE, to, msg.value);
        (bool ok,) = to.call{value: msg.value}("");
        if (!ok) revert NativeTransferFailed();
    }

    /// @notice Pays `paymentRef` with `amount` of `token` (allowance to this router required), moved to `to`.
    function payToken(bytes32 paymentRef, address token, uint256 amount, address to) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        if (!acceptedTokens[token]) revert TokenNotAccepted(token);
        _check(paymentRef, to);
        emit Payment(paymentRef, msg.sender, token, to, amount);
        IERC20(token).safeTransferFrom(msg.sender, to, amount);
    }

    function setToken(address token, bool accepted) external onlyOwner {
        _setToken(token, accepted);
    }

    function _setToken(address token, bool accepted) private {
        if (token == NATIVE) revert TokenNotAccepted(token);
        acceptedTokens[token] = accepted;
        emit TokenAccepted(token, accepted);
    }

    function _check(bytes32 paymentRef, address to) private pure {
        if (paymentRef == bytes32(0)) revert ZeroReference();
        if (to == address(0)) revert ZeroRecipient();
    }
}
