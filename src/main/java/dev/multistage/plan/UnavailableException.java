package dev.multistage.plan;

/**
 * A failure of the world the build depends on, not of its configuration: a registry that is down, answers 5xx or
 * drops the connection. Names where it happened and what to try; the Mojo turns it into a
 * {@code MojoExecutionException}, so Maven reports a build error rather than the user's mistake.
 */
public class UnavailableException extends RuntimeException {
  private final String parameter;

  public UnavailableException(String parameter, String problem, String fix, Throwable cause) {
    super(InvalidParameterException.format(parameter, problem, fix), cause);
    this.parameter = parameter;
  }

  /** The parameter whose registry failed ({@code runtimeImage}, {@code to}, …). */
  public String parameter() {
    return parameter;
  }
}
