import AutoMLJSON

/// Reads the bytes of a journal file back into events, telling a torn tail from corruption.
///
/// A process killed mid-write, or a disk that filled up, leaves at most the last record
/// incomplete; ext4 after a power loss can also leave the file's new length filled with NUL
/// bytes. Those are the *torn tail*, and the journal holds exactly the records before it.
/// Anything wrong earlier than that is corruption, reported with its line number and never
/// skipped, because replaying a history with a hole would rebuild a different session.
package enum JournalScanner {
    /// What a journal file holds.
    package struct Contents: Equatable {
        /// The events of the acknowledged records, in order.
        package var events: [JSON]
        /// Bytes from the start of the file to the end of the last good line.
        package var validLength: Int
    }

    /// The records of `bytes`, the content of the journal at `path`.
    ///
    /// The torn tail, left out of ``Contents/validLength``, is one of:
    /// - a final segment without a newline (a record cut short), whatever it holds;
    /// - trailing NUL bytes;
    /// - a newline-terminated last line whose checksum fails, followed by nothing but NULs.
    ///
    /// - Throws: ``JournalError/corrupt(path:line:reason:)`` for a damaged line followed by
    ///   another line, and for a line whose checksum holds but whose content is wrong (bad
    ///   JSON, wrong `seq`): no torn write produces those.
    package static func scan(_ bytes: [UInt8], path: String) throws(JournalError) -> Contents {
        var events: [JSON] = []
        var start = 0
        while start < bytes.count {
            guard let newline = bytes[start...].firstIndex(of: 0x0A) else { break }
            let line = events.count + 1
            switch JournalLine.decode(bytes[start..<newline], expectedSeq: line) {
            case .success(let event):
                events.append(event)
                start = newline + 1
            case .failure(.invalid(let reason)):
                throw .corrupt(path: path, line: line, reason: reason)
            case .failure(.damaged(let reason)):
                guard bytes[(newline + 1)...].allSatisfy({ $0 == 0 }) else {
                    throw .corrupt(path: path, line: line, reason: reason)
                }
                return Contents(events: events, validLength: start)
            }
        }
        return Contents(events: events, validLength: start)
    }
}
