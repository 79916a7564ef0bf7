#ifndef TRAJVIZ_CZLIB_SHIM_H
#define TRAJVIZ_CZLIB_SHIM_H
#include <zlib.h>

// inflateInit2 is a function-like macro, which Swift cannot import. windowBits 15 + 16 asks zlib
// for a gzip stream (header and CRC-32/ISIZE trailer checked), the format of MNIST's .gz files.
static inline int trajviz_inflate_init_gzip(z_streamp stream) {
    return inflateInit2(stream, 15 + 16);
}
#endif
