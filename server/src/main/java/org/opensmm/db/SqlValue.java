package org.opensmm.db;

/** A value of the domain that binds as one SQL parameter: {@link Tx} binds {@link #sqlValue()} in its place. */
public interface SqlValue {
    Object sqlValue();
}
