package io.buddykit.app;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * JSON output for {@code --json}: records and maps written by Jackson, indented. JSON has no
 * infinity and no NaN, so a value that is unbounded (a projected lifetime with no erase yet) or
 * undefined (a ratio with nothing to divide) is {@code null}, never the string {@code "Infinity"}.
 */
public final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .registerModule(new SimpleModule("finite-doubles")
              .addSerializer(Double.class, new FiniteDouble())
              .addSerializer(Double.TYPE, new FiniteDouble()));

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static void print(PrintWriter out, Object value) {
    try {
      out.println(MAPPER.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** A double as Jackson writes it, but {@code null} where it is not finite. */
  private static final class FiniteDouble extends StdSerializer<Double> {
    private static final long serialVersionUID = 1L;

    FiniteDouble() {
      super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      if (Double.isFinite(value)) {
        gen.writeNumber(value);
      } else {
        gen.writeNull();
      }
    }
  }
}
