package com.example.quotes;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Functional WebFlux routes on Reactor Netty; Jackson writes the JSON. */
@Configuration
class QuoteRoutes {
  record Quote(int id, String author, String text) {
  }

  static final List<Quote> QUOTES = List.of(
      new Quote(1, "Grace Hopper", "The most dangerous phrase in the language is: we've always done it this way."),
      new Quote(2, "Alan Kay", "The best way to predict the future is to invent it."),
      new Quote(3, "Edsger Dijkstra", "Simplicity is prerequisite for reliability."));

  @Bean
  RouterFunction<ServerResponse> routes() {
    return route()
        .GET("/quotes", req -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
            .body(Flux.fromIterable(QUOTES).delayElements(Duration.ofMillis(5)), Quote.class))
        .GET("/quotes/{id}", req -> Mono.justOrEmpty(QUOTES.stream()
                .filter(q -> q.id() == Integer.parseInt(req.pathVariable("id"))).findFirst())
            .flatMap(q -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(q))
            .switchIfEmpty(ServerResponse.notFound().build()))
        .build();
  }
}
