#ifndef AUTOML_CJANSSON_SHIM_H
#define AUTOML_CJANSSON_SHIM_H
#include <jansson.h>
#endif
