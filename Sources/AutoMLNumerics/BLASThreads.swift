import COpenBLAS

/// OpenBLAS's worker threads. Sums computed by several threads may round differently from run
/// to run; pinning BLAS to one thread makes every result reproducible bit for bit.
public enum BLASThreads {
    /// Uses one BLAS thread (the engine's default, for determinism).
    public static func pinToOne() {
        openblas_set_num_threads(1)
    }

    public static var count: Int { Int(openblas_get_num_threads()) }
}
