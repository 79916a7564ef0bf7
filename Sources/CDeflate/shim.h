#ifndef TRAJVIZ_CDEFLATE_SHIM_H
#define TRAJVIZ_CDEFLATE_SHIM_H
// libdeflate (Debian's libdeflate-dev): whole-buffer DEFLATE/zlib compression and CRC-32, for PNG.
#include <libdeflate.h>
#endif
