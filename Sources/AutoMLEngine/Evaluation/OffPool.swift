import Foundation

/// Runs blocking work (a training epoch) on a thread of its own, outside Swift's cooperative
/// pool, and awaits it: while a search trains, the pool's few threads stay free to answer other
/// requests (a daemon on two cores has two of them).
///
/// A thread per call keeps nothing alive between calls; its cost (tens of microseconds) is
/// small next to an epoch.
enum OffPool {
    /// Stack for training threads: the pool's default is small, and Linux's 8 MiB is ample.
    static let stackSize = 8 << 20

    /// `body`'s result, computed on a new thread. The caller's task is suspended meanwhile;
    /// cancellation does not interrupt `body` (pass it a `CancellationFlag` for that).
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let thread = Thread {
                do {
                    continuation.resume(returning: try body())
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.stackSize = stackSize
            thread.name = "automl-trainer"
            thread.start()
        }
    }
}

/// A flag the async side raises and a worker thread polls (between batches): how cancellation
/// reaches training that runs off the pool, where `Task.isCancelled` cannot be read.
final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false

    var isRaised: Bool {
        lock.lock()
        defer { lock.unlock() }
        return raised
    }

    func raise() {
        lock.lock()
        raised = true
        lock.unlock()
    }
}
