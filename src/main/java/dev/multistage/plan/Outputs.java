package dev.multistage.plan;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Where the build writes, and when the image says it was made.
 *
 * @param outputDirectory image.tar, digests and the report ({@code target/multistage})
 * @param workDirectory this project's scratch space (built layers, staging)
 * @param cacheDirectory shared cache of pulled base blobs, analyses and linked runtimes
 * @param created the image's creation time (fixed, for reproducibility)
 */
public record Outputs(Path outputDirectory, Path workDirectory, Path cacheDirectory, Instant created) {}
