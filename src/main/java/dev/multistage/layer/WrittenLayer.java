package dev.multistage.layer;

import java.nio.file.Path;

/**
 * A layer written to disk as a gzip-compressed tar.
 *
 * @param blob the {@code .tar.gz} file, named by its digest
 * @param digest {@code sha256:} of the compressed bytes
 * @param compressedSize bytes of {@code blob}
 * @param diffId {@code sha256:} of the uncompressed tar
 * @param uncompressedSize bytes of the uncompressed tar
 * @param files number of entries in the tar
 */
public record WrittenLayer(Path blob, String digest, long compressedSize, String diffId, long uncompressedSize,
    int files) {}
