#ifndef AUTOML_CZLIB_SHIM_H
#define AUTOML_CZLIB_SHIM_H
// zlib, to read the gzip-compressed CSV data sets shipped with the trainer.
#include <zlib.h>
#endif
