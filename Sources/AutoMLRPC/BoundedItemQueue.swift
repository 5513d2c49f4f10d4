import Dispatch
import Synchronization

/// A hand-off from one producing thread to one async consumer, holding at most `capacity` items.
///
/// The producer blocks (on a semaphore, off the cooperative pool) while the queue is full, so a
/// slow consumer slows the reader down instead of letting memory grow. The consumer suspends
/// while the queue is empty. Either side can end it: `finish()` after the last item,
/// `cancel()` when the consumer stops listening.
final class BoundedItemQueue: Sendable {
    private struct State {
        var items: [FramedItem] = []
        var consumer: CheckedContinuation<FramedItem?, Never>?
        var producerWaiting = false
        var finished = false
        var cancelled = false
    }

    private enum PutAction {
        case handedOver(CheckedContinuation<FramedItem?, Never>)
        case queued
        case wait
        case cancelled
    }

    private enum TakeAction {
        case item(FramedItem, wakeProducer: Bool)
        case end
        case parked
    }

    let capacity: Int
    private let state = Mutex(State())
    private let space = DispatchSemaphore(value: 0)

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Producer side: queues `item`, blocking while the queue is full.
    /// - Returns: false when the consumer has cancelled; the item is dropped.
    func put(_ item: FramedItem) -> Bool {
        while true {
            let action = state.withLock { state -> PutAction in
                if state.cancelled { return .cancelled }
                if let consumer = state.consumer {
                    state.consumer = nil
                    return .handedOver(consumer)
                }
                if state.items.count < capacity {
                    state.items.append(item)
                    return .queued
                }
                state.producerWaiting = true
                return .wait
            }
            switch action {
            case .handedOver(let consumer):
                consumer.resume(returning: item)
                return true
            case .queued:
                return true
            case .cancelled:
                return false
            case .wait:
                space.wait()
            }
        }
    }

    /// Producer side: no more items; the consumer gets nil once the queue is drained.
    func finish() {
        let consumer = state.withLock { state -> CheckedContinuation<FramedItem?, Never>? in
            state.finished = true
            defer { state.consumer = nil }
            return state.consumer
        }
        consumer?.resume(returning: nil)
    }

    /// Consumer side: the next item, or nil when finished or cancelled.
    func take() async -> FramedItem? {
        await withCheckedContinuation { (continuation: CheckedContinuation<FramedItem?, Never>) in
            let action = state.withLock { state -> TakeAction in
                if state.cancelled { return .end }
                if !state.items.isEmpty {
                    let item = state.items.removeFirst()
                    let wake = state.producerWaiting
                    state.producerWaiting = false
                    return .item(item, wakeProducer: wake)
                }
                if state.finished { return .end }
                state.consumer = continuation
                return .parked
            }
            switch action {
            case .item(let item, let wake):
                if wake { space.signal() }
                continuation.resume(returning: item)
            case .end:
                continuation.resume(returning: nil)
            case .parked:
                break
            }
        }
    }

    /// Consumer side: stop listening; wakes both sides and drops queued items.
    func cancel() {
        let (consumer, wake) = state.withLock { state -> (CheckedContinuation<FramedItem?, Never>?, Bool) in
            state.cancelled = true
            state.items.removeAll()
            let result = (state.consumer, state.producerWaiting)
            state.consumer = nil
            state.producerWaiting = false
            return result
        }
        if wake { space.signal() }
        consumer?.resume(returning: nil)
    }
}
