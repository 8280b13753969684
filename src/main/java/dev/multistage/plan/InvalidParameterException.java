package dev.multistage.plan;

/**
 * A mistake the user can fix in their configuration: names the parameter, what is wrong and what to do.
 * The Mojo turns it into a {@code MojoFailureException} carrying {@link #getMessage()}.
 */
public class InvalidParameterException extends RuntimeException {
  private final String parameter;
  private final String fix;

  public InvalidParameterException(String parameter, String problem, String fix) {
    this(parameter, problem, fix, null);
  }

  public InvalidParameterException(String parameter, String problem, String fix, Throwable cause) {
    super(format(parameter, problem, fix), cause);
    this.parameter = parameter;
    this.fix = fix;
  }

  static String format(String parameter, String problem, String fix) {
    return "<" + parameter + ">: " + problem + (fix == null || fix.isEmpty() ? "" : " Fix: " + fix);
  }

  public String parameter() {
    return parameter;
  }

  public String fix() {
    return fix;
  }
}
