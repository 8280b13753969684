package dev.multistage.maven;

import dev.multistage.plan.InvalidParameterException;
import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;

/**
 * Makes {@code -Dmultistage.X} on the command line win over {@code <X>} in the pom, as Jib does: the pom sets
 * defaults, CI sets the target. Maven alone lets the pom win. Nested parameters take
 * {@code -Dmultistage.<parameter>.<field>} ({@code multistage.healthcheck.path}). Map parameters have no property.
 */
final class CommandLineOverrides {
  private static final Pattern PROPERTY = Pattern.compile("\\$\\{(multistage\\.[^}]+)}");

  private final Properties commandLine;
  private final File basedir;
  private final Consumer<String> log;

  /**
   * @param commandLine the session's user properties: {@code -D} options (and {@code .mvn/maven.config})
   * @param basedir what a relative {@code File} value is resolved against, as Maven does
   * @param log where each override is reported
   */
  CommandLineOverrides(Properties commandLine, File basedir, Consumer<String> log) {
    this.commandLine = commandLine;
    this.basedir = basedir;
    this.log = log;
  }

  /** Sets every parameter of {@code mojo} that the command line names, whatever the pom says. */
  void apply(Object mojo, MojoDescriptor descriptor) {
    for (Parameter parameter : descriptor.getParameters()) {
      Field field = field(mojo.getClass(), parameter.getName());
      if (field == null || !parameter.isEditable()) {
        continue;
      }
      Matcher property = PROPERTY.matcher(parameter.getExpression() == null ? "" : parameter.getExpression());
      if (property.matches()) {
        override(mojo, field, property.group(1), parameter.getName());
      } else if (field.getType().getPackage() == CommandLineOverrides.class.getPackage()) {
        overrideFields(mojo, field, "multistage." + parameter.getName());
      }
    }
  }

  /** {@code -Dmultistage.healthcheck.path=…}: sets that field of the nested object, creating it when the pom has none. */
  private void overrideFields(Object mojo, Field parameter, String prefix) {
    for (Field field : parameter.getType().getDeclaredFields()) {
      String property = prefix + "." + field.getName();
      if (Modifier.isStatic(field.getModifiers()) || commandLine.getProperty(property) == null) {
        continue;
      }
      Object nested = get(parameter, mojo);
      if (nested == null) {
        try {
          nested = parameter.getType().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot create " + parameter.getType().getName(), e);
        }
        set(parameter, mojo, nested);
      }
      override(nested, field, property, parameter.getName() + "." + field.getName());
    }
  }

  private void override(Object target, Field field, String property, String name) {
    String value = commandLine.getProperty(property);
    if (value == null) {
      return;
    }
    Object converted = convert(value, field, name);
    if (converted == null) {
      return;
    }
    Object before = get(field, target);
    if (before != null && !before.equals(converted)) {
      log.accept("multistage: -D" + property + " on the command line wins over <" + name + "> in the pom.");
    }
    set(field, target, converted);
  }

  /** As Maven converts a property: comma-separated lists, relative files from the base directory. */
  private Object convert(String value, Field field, String name) {
    Class<?> type = field.getType();
    if (type == String.class) {
      return value;
    }
    if (type == boolean.class || type == Boolean.class) {
      String v = value.trim().toLowerCase(java.util.Locale.ROOT);
      if (!v.equals("true") && !v.equals("false")) {
        throw new InvalidParameterException(name, "'" + value + "' is not true or false.",
            "set -Dmultistage." + name + "=true or =false.");
      }
      return Boolean.valueOf(v);
    }
    if (type == int.class || type == Integer.class) {
      try {
        return Integer.valueOf(value.trim());
      } catch (NumberFormatException e) {
        throw new InvalidParameterException(name, "'" + value + "' is not a whole number.",
            "set -Dmultistage." + name + " to a number such as 3.");
      }
    }
    if (type == List.class && field.getGenericType() instanceof ParameterizedType list
        && list.getActualTypeArguments()[0] == String.class) {
      return PlanFactory.csv(value);
    }
    if (type == File.class) {
      File file = new File(value);
      return file.isAbsolute() || basedir == null ? file : new File(basedir, value);
    }
    return null; // maps, lists of elements (check.suppressions) and other structures are set in the pom only
  }

  private static Field field(Class<?> type, String name) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        return c.getDeclaredField(name);
      } catch (NoSuchFieldException e) {
        // declared higher up
      }
    }
    return null;
  }

  private static Object get(Field field, Object target) {
    try {
      field.setAccessible(true);
      return field.get(target);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void set(Field field, Object target, Object value) {
    try {
      field.setAccessible(true);
      field.set(target, value);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
