#if canImport(Glibc)
import Glibc
#endif

/// Keeps glibc's allocator from returning freed tensor memory to the kernel between training
/// steps.
///
/// A step allocates and frees the same large buffers (im2col matrices, activations) again
/// and again; with glibc's defaults the heap top is trimmed after each free and the next
/// allocation faults every page back in, zeroed, which cost about a fifth of a CNN step.
/// Raising the trim and mmap thresholds keeps up to 128 MiB of freed memory for reuse. The
/// setting is process-wide and applied once. `mallopt` is looked up at run time (its header
/// is not part of the Glibc module); other platforms' allocators need nothing.
enum AllocatorTuning {
    static let applied: Bool = {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return false }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let trimThreshold: Int32 = -1, mmapThreshold: Int32 = -3  // M_TRIM_THRESHOLD, M_MMAP_THRESHOLD (malloc.h)
        _ = mallopt(mmapThreshold, 32 << 20)
        _ = mallopt(trimThreshold, 128 << 20)
        return true
        #else
        return false
        #endif
    }()
}
