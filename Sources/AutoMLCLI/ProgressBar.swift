import Foundation

/// A one-line progress bar on stderr: trials done, best so far, elapsed time and ETA.
final class ProgressBar: @unchecked Sendable {
    let total: Int
    let enabled: Bool
    let start = Date()
    var lastDraw = Date.distantPast

    init(total: Int, enabled: Bool) {
        self.total = max(1, total)
        self.enabled = enabled
    }

    func update(done: Int, best: Double) {
        guard enabled else { return }
        let now = Date()
        guard done == total || now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        let elapsed = now.timeIntervalSince(start)
        let eta = done > 0 ? elapsed / Double(done) * Double(total - done) : 0
        let width = 30
        let filled = width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let line = "\r[\(bar)] \(done)/\(total) best \(String(format: "%.6g", best)) elapsed \(Self.clock(elapsed)) eta \(Self.clock(eta))"
        FileHandleStderr.write(line)
    }

    func finish() {
        if enabled { FileHandleStderr.write("\n") }
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return String(format: "%d:%02d", s / 60, s % 60)
    }
}
