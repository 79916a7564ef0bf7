#ifndef TRAJVIZ_CCAIRO_SHIM_H
#define TRAJVIZ_CCAIRO_SHIM_H
#include <cairo/cairo.h>
#include <cairo/cairo-svg.h>
#include <cairo/cairo-pdf.h>
// cairo-ft: a font face opened from its file (a fontconfig pattern naming the file), which spares
// fontconfig's configuration loading (CairoRender/Fonts.swift).
#include <cairo/cairo-ft.h>
#endif
