package com.example.weather;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

@Controller("/forecast")
public class ForecastController {
  @Serdeable
  public record Forecast(String city, int highCelsius, int lowCelsius, String sky) {
  }

  @Get("/{city}")
  public List<Forecast> forecast(String city) {
    return List.of(new Forecast(city, 21, 12, "sunny"), new Forecast(city, 18, 9, "cloudy"));
  }
}
