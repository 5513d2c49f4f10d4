#ifndef AUTOML_COPENBLAS_SHIM_H
#define AUTOML_COPENBLAS_SHIM_H
// BLAS (cblas_*) and LAPACK (LAPACKE_*) as OpenBLAS ships them on Debian.
#include <cblas.h>
#include <lapacke.h>
// OpenBLAS's thread control, so determinism can pin BLAS to one thread.
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
#endif
