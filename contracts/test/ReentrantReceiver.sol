// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

interface IPaymentRouter {
    function payNative(bytes32 paymentRef, address payable to) external payable;
}

/// @notice Test helper: a recipient that calls back into the router when paid. With `swallow` set it
///         catches the router's refusal and records it (the outer payment then completes); otherwise
///         the refusal bubbles up and the whole payment fails.
contract ReentrantReceiver {
    IPaymentRouter public immutable router;
    bool public swallow;
    bytes public lastError;

    constructor(IPaymentRouter router_, bool swallow_) {
        router = router_;
        swallow = swallow_;
    }

    receive() external payable {
        if (address(this).balance > 0 && msg.value > 0) {
            if (swallow) {
                try router.payNative{value: msg.value}(bytes32(uint256(1)), payable(address(this))) {}
                catch (bytes memory reason) {
                    lastError = reason;
                }
            } else {
                router.payNative{value: msg.value}(bytes32(uint256(1)), payable(address(this)));
            }
        }
    }
}

/// @notice Test helper: a recipient that refuses the native coin.
contract RejectingReceiver {
    receive() external payable {
        revert("no thanks");
    }
}
