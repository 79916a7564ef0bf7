#ifndef TRAJVIZ_CWEBP_SHIM_H
#define TRAJVIZ_CWEBP_SHIM_H
// libwebp (Debian's libwebp-dev): the encoder, the animation encoder of libwebpmux and the
// demuxer/animation decoder of libwebpdemux (WebPEncoding).
#include <webp/encode.h>
#include <webp/mux.h>
#include <webp/demux.h>
// mallopt: libwebp's large per-frame buffers are kept in the heap (WebPAnimationWriter).
#include <malloc.h>
#endif
