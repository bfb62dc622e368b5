package com.quimbi.crm.quimbi.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class LanguageGuessTest {

    final LanguageGuess guess = new LanguageGuess(List.of("en", "es", "fr", "de", "it", "pt", "nl"));

    @Test
    void recognisesTheLanguagesASupportTeamServes() {
        assertThat(guess.of("Order arrived damaged", "The box was crushed and the mug is broken. I need a "
                + "replacement before Friday.")).contains("en");
        assertThat(guess.of("Pedido dañado", "La caja llegó aplastada y la taza está rota. Necesito un reemplazo "
                + "antes del viernes, por favor.")).contains("es");
        assertThat(guess.of("Commande abîmée", "Le colis est arrivé écrasé et la tasse est cassée. J'ai besoin "
                + "d'un remplacement avant vendredi.")).contains("fr");
        assertThat(guess.of("Bestellung beschädigt", "Das Paket kam zerdrückt an und die Tasse ist kaputt. Ich "
                + "brauche bis Freitag einen Ersatz.")).contains("de");
    }

    @Test
    void saysNothingWhenTheTextIsTooShortToTell() {
        assertThat(guess.of("Thanks!", null)).isEmpty();
        assertThat(guess.of(null, "ok")).isEmpty();
    }
}
