import Foundation

/// A one-line progress bar on stderr: trials done, best so far, elapsed time and ETA.
///
/// `[##########....................] 12/40 best val acc 98.26% elapsed 0:21 eta 0:49`
///
/// With a time limit the bar and the ETA follow whichever of the trial count and the clock is
/// further along: the search stops at the first limit it reaches.
final class ProgressBar: @unchecked Sendable {
    let total: Int
    let maxSeconds: Double?
    let enabled: Bool
    let start = Date()
    var lastDraw = Date.distantPast

    init(total: Int, maxSeconds: Double? = nil, enabled: Bool) {
        self.total = max(1, total)
        self.maxSeconds = maxSeconds
        self.enabled = enabled
    }

    func update(done: Int, best: Double) {
        update(done: done, best: String(format: "%.6g", best))
    }

    /// Redraws the line (at most ten times a second, and always for the last trial).
    func update(done: Int, best: String?) {
        guard enabled else { return }
        let now = Date()
        guard done == total || now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        // On a terminal, clear what a longer previous line left behind.
        let clear = isatty(2) != 0 ? "\u{1B}[K" : ""
        FileHandleStderr.write("\r" + line(done: done, best: best, elapsed: now.timeIntervalSince(start)) + clear)
    }

    /// The bar's text after `done` trials and `elapsed` seconds.
    func line(done: Int, best: String?, elapsed: Double) -> String {
        let byTrials = Double(done) / Double(total)
        let byTime = maxSeconds.map { elapsed / max($0, 1e-9) } ?? 0
        let fraction = min(1, max(byTrials, byTime))
        var eta = done > 0 ? elapsed / Double(done) * Double(max(total - done, 0)) : nil
        if let maxSeconds { eta = min(eta ?? .infinity, max(maxSeconds - elapsed, 0)) }
        let width = 30
        let filled = min(width, Int(Double(width) * fraction))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        var text = "[\(bar)] \(done)/\(total)"
        if let best { text += " best \(best)" }
        text += " elapsed \(Self.clock(elapsed)) eta \(eta.map(Self.clock) ?? "?")"
        return text
    }

    func finish() {
        if enabled { FileHandleStderr.write("\n") }
    }

    static func clock(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
