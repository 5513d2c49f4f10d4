#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The file-level system calls of creating and opening a journal: directories, open, lock,
/// read. Appends go through ``JournalFileSystem`` instead, so that tests can fail them.
enum JournalFiles {
    /// Creates `path` exclusively, with the directories above it.
    ///
    /// When `syncDirectories` is set, every directory that gained an entry is synced, so the
    /// new file survives a power loss along with its first records.
    static func createFile(_ path: String, syncDirectories: Bool) throws(JournalError) -> Int32 {
        let parent = parentDirectory(of: path)
        var changed = try makeDirectories(parent, journal: path)
        let fd = systemOpen(path, O_RDWR | O_APPEND | O_CLOEXEC | O_CREAT | O_EXCL, 0o644)
        if fd < 0 {
            let code = errno
            if code == EEXIST { throw .exists(path: path) }
            throw .io(path, "open", code)
        }
        changed.append(parent)
        do throws(JournalError) {
            try lock(fd, path)
            if syncDirectories {
                for directory in changed { try syncDirectory(directory, journal: path) }
            }
        } catch {
            close(fd)
            unlink(path)
            throw error
        }
        return fd
    }

    /// Opens the existing journal at `path` for reading and appending.
    static func openFile(_ path: String) throws(JournalError) -> Int32 {
        let fd = systemOpen(path, O_RDWR | O_APPEND | O_CLOEXEC, 0)
        if fd < 0 {
            let code = errno
            if code == ENOENT { throw .missing(path: path) }
            throw .io(path, "open", code)
        }
        do throws(JournalError) {
            try lock(fd, path)
        } catch {
            close(fd)
            throw error
        }
        return fd
    }

    /// Takes an exclusive advisory lock, so a journal is never appended to by two owners (two
    /// processes on one data directory, or one session opened twice).
    static func lock(_ fd: Int32, _ path: String) throws(JournalError) {
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            if code == EWOULDBLOCK {
                throw .io(
                    path: path, operation: "lock", errno: code,
                    message: "the journal is already open (another process or session holds it)")
            }
            throw .io(path, "lock", code)
        }
    }

    /// The whole content of the file open at `fd`, from its start.
    static func readAll(_ fd: Int32, _ path: String) throws(JournalError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { buffer in
                pread(fd, buffer.baseAddress, buffer.count, off_t(bytes.count))
            }
            if count > 0 {
                bytes += chunk[..<count]
            } else if count == 0 {
                return bytes
            } else if errno != EINTR {
                throw .io(path, "read", errno)
            }
        }
    }

    /// The directory holding `path`: `.` for a bare file name, `/` for a file at the root.
    static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }

    /// `mkdir -p directory`. Returns the directories whose entries changed (the parents of
    /// those created), in creation order.
    private static func makeDirectories(_ directory: String, journal: String) throws(JournalError) -> [String] {
        var changed: [String] = []
        var prefix = directory.hasPrefix("/") ? "/" : ""
        for component in directory.split(separator: "/") {
            let parent = prefix.isEmpty ? "." : prefix
            prefix += prefix.isEmpty || prefix.hasSuffix("/") ? String(component) : "/" + component
            if component == "." || component == ".." { continue }
            if mkdir(prefix, 0o755) == 0 {
                changed.append(parent)
            } else if errno != EEXIST {
                throw .io(journal, "mkdir \(prefix)", errno)
            }
        }
        return changed
    }

    /// Syncs a directory, so the entries created in it are durable.
    private static func syncDirectory(_ directory: String, journal: String) throws(JournalError) {
        let fd = systemOpen(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0)
        if fd < 0 { throw .io(journal, "open directory \(directory)", errno) }
        defer { close(fd) }
        while fsync(fd) != 0 {
            let code = errno
            if code == EINTR { continue }
            throw .io(journal, "fsync directory \(directory)", code)
        }
    }
}

private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    open(path, flags, mode)
}
