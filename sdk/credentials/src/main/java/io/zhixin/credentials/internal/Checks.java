package io.zhixin.credentials.internal;

import io.zhixin.credentials.Check;
import io.zhixin.credentials.CheckCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Collects checks during one verification. Not thread-safe; one per call. */
public final class Checks {
  private final List<Check> list = new ArrayList<>();
  private boolean failed;
  private String prefix = "";

  /** Prefixes later details, e.g. {@code "credential #2: "} inside a presentation. */
  public void prefix(String prefix) {
    this.prefix = prefix;
  }

  public void pass(CheckCode code, String detail) {
    list.add(Check.passed(code, prefix + detail));
  }

  /** A pass whose detail is {@code label} and {@code at}, formatted only if read. */
  public void pass(CheckCode code, String label, Instant at) {
    list.add(Check.passed(code, prefix + label, at));
  }

  public void warn(CheckCode code, String detail) {
    list.add(Check.warned(code, prefix + detail));
  }

  /** Records a failure and returns false, so callers can write {@code return checks.fail(...)}. */
  public boolean fail(CheckCode code, String detail) {
    list.add(Check.failed(code, prefix + detail));
    failed = true;
    return false;
  }

  public void add(Check c) {
    list.add(c);
    failed |= c.isFailed();
  }

  public boolean failed() {
    return failed;
  }

  public List<Check> list() {
    return list;
  }
}
