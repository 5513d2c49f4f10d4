import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the first Ctrl-C (SIGINT) into a call of `onInterrupt` (cancel the search, keep what it
/// found); a second one ends the process at once, as an impatient user expects.
final class InterruptHandler: @unchecked Sendable {
    private let source: DispatchSourceSignal

    /// How many interrupts arrived; touched on the source's serial queue only.
    private final class Count: @unchecked Sendable { var value = 0 }

    init(_ onInterrupt: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue(label: "automl.interrupt"))
        let count = Count()
        source.setEventHandler {
            count.value += 1
            if count.value > 1 { exit(130) }
            FileHandleStderr.write("\nautoml run: stopping after the current batch (Ctrl-C again to quit now)\n")
            onInterrupt()
        }
        source.resume()
    }

    /// Restores the default SIGINT behaviour.
    func cancel() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
