#ifndef TRAJVIZ_CZLIB_SHIM_H
#define TRAJVIZ_CZLIB_SHIM_H
#include <zlib.h>
#endif
