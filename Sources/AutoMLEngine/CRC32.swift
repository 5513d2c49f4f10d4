/// CRC-32 as used by zlib, PNG and Ethernet (IEEE 802.3): reflected polynomial `0xEDB88320`,
/// initial value and final XOR `0xFFFFFFFF`.
///
/// The journal stamps every line with it so that a damaged or glued line is detected when the
/// file is read back. A CRC-32 detects every single-bit error and every burst of up to 32 bits.
///
/// ```swift
/// CRC32.checksum(Array("123456789".utf8))   // 0xCBF43926
/// ```
public enum CRC32 {
    /// The checksum of `bytes`.
    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        finish(update(start, with: bytes))
    }

    /// The running state before any byte; feed it to ``update(_:with:)``.
    public static let start: UInt32 = 0xFFFF_FFFF

    /// Folds `bytes` into a running state, so a checksum can be computed in pieces:
    /// `finish(update(update(start, with: a), with: b)) == checksum(a + b)`.
    public static func update(_ state: UInt32, with bytes: some Sequence<UInt8>) -> UInt32 {
        let fast = bytes.withContiguousStorageIfAvailable { buffer in
            table.withUnsafeBufferPointer { table in fold(state, buffer, table) }
        }
        if let fast { return fast }
        return update(state, with: Array(bytes))
    }

    /// Turns a running state into the checksum.
    public static func finish(_ state: UInt32) -> UInt32 { state ^ 0xFFFF_FFFF }

    private static func fold(
        _ state: UInt32, _ bytes: UnsafeBufferPointer<UInt8>, _ table: UnsafeBufferPointer<UInt32>
    ) -> UInt32 {
        var crc = state
        for byte in bytes {
            crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        return crc
    }

    /// `table[n]` is the CRC of the single byte `n`, one step of eight shifts precomputed.
    private static let table: [UInt32] = (0..<256).map { (n: UInt32) in
        var crc = n
        for _ in 0..<8 {
            crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1
        }
        return crc
    }
}
