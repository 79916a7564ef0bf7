#ifndef TRAJVIZ_CISAL_SHIM_H
#define TRAJVIZ_CISAL_SHIM_H
// ISA-L (Debian's libisal-dev): igzip's DEFLATE compression, Adler-32 and CRC-32, for PNG.
#include <isa-l/igzip_lib.h>
#include <isa-l/crc.h>

// The working memory igzip's stateless compression wants at each level (its defaults), as a
// function: the header's size macros are expressions Swift does not import.
static inline unsigned int trajviz_isal_level_buffer_size(int level) {
    switch (level) {
    case 1: return ISAL_DEF_LVL1_DEFAULT;
    case 2: return ISAL_DEF_LVL2_DEFAULT;
    case 3: return ISAL_DEF_LVL3_DEFAULT;
    default: return 0;
    }
}
#endif
