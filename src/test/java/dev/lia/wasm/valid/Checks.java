package dev.lia.wasm.valid;

import dev.lia.wasm.InvalidException;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.assertThat;

/** Assertions shared by the validator tests. */
final class Checks {
    private Checks() {}

    static void valid(ModuleBuilder b) {
        assertThatCode(() -> Validator.validate(b.build())).doesNotThrowAnyException();
    }

    /** Asserts validation fails with a message starting with {@code message}; returns the error. */
    static InvalidException invalid(ModuleBuilder b, String message) {
        InvalidException e = catchThrowableOfType(InvalidException.class, () -> Validator.validate(b.build()));
        assertThat(e).as("expected invalid: " + message).isNotNull();
        assertThat(e.getMessage()).startsWith(message);
        return e;
    }
}
