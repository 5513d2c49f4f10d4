/// When a journal forces its appends onto the disk with `fsync`.
///
/// The trade is between the cost of an `fsync` per event (a few milliseconds on a real disk)
/// and how much a power loss or kernel crash can take back. A killed *process* loses nothing
/// in any mode: once `write` returns, the kernel holds the bytes.
public enum Durability: String, Sendable, CaseIterable, Codable {
    /// `fsync` after every append: an acknowledged event survives a power loss. The default.
    case always
    /// `fsync` at an append when the last one is at least ``Journal/batchInterval`` old, and on
    /// ``Journal/sync()`` and ``Journal/close()``: a power loss takes back at most the events
    /// of that last interval.
    case batch
    /// Never `fsync`: the operating system writes when it likes. For tests and throw-away
    /// searches.
    case none
}
