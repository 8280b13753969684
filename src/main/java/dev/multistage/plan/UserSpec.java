package dev.multistage.plan;

/** The numeric, non-root identity the container runs as. */
public record UserSpec(int uid, int gid) {

  public static final UserSpec DEFAULT = new UserSpec(1001, 1001);
  public static final String NAME = "app";

  public static UserSpec parse(String value, String parameter) {
    String fix = "use a numeric, non-root uid:gid such as 1001:1001.";
    if (value == null || !value.trim().matches("\\d{1,9}(:\\d{1,9})?")) {
      throw new InvalidParameterException(parameter, "'" + value + "' is not a numeric uid:gid;"
          + " a user name cannot be checked for root by a runtime that enforces runAsNonRoot.", fix);
    }
    String[] parts = value.trim().split(":");
    int uid = Integer.parseInt(parts[0]);
    int gid = parts.length > 1 ? Integer.parseInt(parts[1]) : uid;
    if (uid == 0 || gid == 0) {
      throw new InvalidParameterException(parameter, "'" + value + "' runs the application as root.", fix);
    }
    return new UserSpec(uid, gid);
  }

  public String home() {
    return "/home/" + NAME;
  }

  @Override
  public String toString() {
    return uid + ":" + gid;
  }
}
