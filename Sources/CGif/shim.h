#ifndef TRAJVIZ_CGIF_SHIM_H
#define TRAJVIZ_CGIF_SHIM_H
// giflib (Debian's libgif-dev): GIF89a writing and reading, LZW included (GIFEncoding).
#include <gif_lib.h>
#endif
