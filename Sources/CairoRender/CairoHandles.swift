import CCairo

// The only Swift in trajviz that holds Cairo pointers. Each handle is owned by one final class
// that frees it in deinit, so no path through a `throw` can leak or double-free it.

/// Turns a Cairo status into a typed error.
func check(_ status: cairo_status_t, _ operation: String) throws(RenderError) {
    guard status != CAIRO_STATUS_SUCCESS else { return }
    throw .cairo(operation: operation, status: String(cString: cairo_status_to_string(status)))
}

/// A `cairo_surface_t` (image, SVG or PDF).
final class CairoSurface {
    let pointer: OpaquePointer

    /// Takes ownership of a freshly created surface, checking its status (Cairo returns an
    /// "error surface" rather than NULL when creation fails).
    init(_ pointer: OpaquePointer, _ operation: String) throws(RenderError) {
        self.pointer = pointer
        try check(cairo_surface_status(pointer), operation)
    }

    deinit { cairo_surface_destroy(pointer) }

    /// Flushes and checks the status: call after drawing.
    func finish(_ operation: String) throws(RenderError) {
        cairo_surface_finish(pointer)
        try check(cairo_surface_status(pointer), operation)
    }
}

/// A `cairo_t` drawing context.
final class CairoContext {
    let pointer: OpaquePointer
    /// Keeps the target alive as long as the context.
    let surface: CairoSurface

    init(_ surface: CairoSurface) throws(RenderError) {
        self.surface = surface
        pointer = cairo_create(surface.pointer)
        try check(cairo_status(pointer), "create a drawing context")
    }

    deinit { cairo_destroy(pointer) }

    func status(_ operation: String) throws(RenderError) { try check(cairo_status(pointer), operation) }
}

/// Collects the bytes a stream surface or PNG writer produces. Passed to Cairo as an unretained
/// pointer; the caller keeps it alive for the surface's lifetime.
final class ByteSink {
    var bytes: [UInt8] = []

    /// The `cairo_write_func_t` that appends to the sink behind `closure`.
    static let write: cairo_write_func_t = { closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
        let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
        sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
        return CAIRO_STATUS_SUCCESS
    }
}

/// Feeds bytes to Cairo's PNG reader.
final class ByteSource {
    let bytes: [UInt8]
    var offset = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    static let read: cairo_read_func_t = { closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
        let source = Unmanaged<ByteSource>.fromOpaque(closure).takeUnretainedValue()
        let n = Int(length)
        guard source.offset + n <= source.bytes.count else { return CAIRO_STATUS_READ_ERROR }
        source.bytes.withUnsafeBufferPointer { b in
            data.update(from: b.baseAddress! + source.offset, count: n)  // non-empty: n ≤ count
        }
        source.offset += n
        return CAIRO_STATUS_SUCCESS
    }
}
