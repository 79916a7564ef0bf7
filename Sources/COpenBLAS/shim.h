#ifndef TRAJVIZ_COPENBLAS_SHIM_H
#define TRAJVIZ_COPENBLAS_SHIM_H
// Debian's libopenblas-dev installs cblas.h through the alternatives system;
// openblas_set_num_threads lets the MLP choose its thread count.
#include <cblas.h>
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
#endif
