package dev.multistage.engine;

import dev.multistage.archive.DockerArchive;
import dev.multistage.archive.OciLayout;
import dev.multistage.image.BaseImage;
import dev.multistage.image.ImageSizes;
import dev.multistage.image.ImageSource;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.Platform;
import dev.multistage.registry.RegistryImages;
import java.io.IOException;
import java.nio.file.Path;

/** The one place a base reference becomes a source: a registry, a docker-archive or an OCI layout. */
final class ImageSources {
  private final RegistryImages registry;
  private final Path blobDirectory;

  /** @param blobDirectory where blobs read from archives are kept (gzipped when the archive holds them plain) */
  ImageSources(RegistryImages registry, Path blobDirectory) {
    this.registry = registry;
    this.blobDirectory = blobDirectory;
  }

  /** @param parameter the parameter that named {@code source}, for messages */
  ImageSource of(BaseSource source, String parameter) {
    if (source instanceof BaseSource.Registry r) {
      return new ImageSource() {
        @Override
        public BaseImage image(Platform platform) {
          return registry.pull(r, platform, parameter);
        }

        @Override
        public ImageSizes sizes(Platform platform) {
          return ImageSizes.of(registry.manifestOnly(r, platform, parameter));
        }
      };
    }
    if (source instanceof BaseSource.Tar t) {
      return new ImageSource() {
        @Override
        public BaseImage image(Platform platform) throws IOException {
          return DockerArchive.read(t, blobDirectory, parameter);
        }

        @Override
        public ImageSizes sizes(Platform platform) throws IOException {
          return DockerArchive.sizes(t, blobDirectory, parameter);
        }
      };
    }
    BaseSource.OciLayout o = (BaseSource.OciLayout) source;
    return new ImageSource() {
      @Override
      public BaseImage image(Platform platform) throws IOException {
        return OciLayout.read(o, platform, blobDirectory, parameter);
      }

      @Override
      public ImageSizes sizes(Platform platform) throws IOException {
        return OciLayout.sizes(o, platform, blobDirectory, parameter);
      }
    };
  }

  /** The registry, for what only a registry can do (resolving a tag to the digest to pin). */
  RegistryImages registry() {
    return registry;
  }
}
