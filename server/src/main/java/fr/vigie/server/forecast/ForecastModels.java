package fr.vigie.server.forecast;

import fr.vigie.server.forecast.model.ForecastModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Every {@link ForecastModel} bean of the application, by name (seasonal-naive, glm, xgboost, lstm, cnn, cnn-lstm). */
@Component
public class ForecastModels {

    private final Map<String, ForecastModel> byName = new LinkedHashMap<>();

    public ForecastModels(List<ForecastModel> models) {
        for (ForecastModel model : models) {
            if (byName.put(model.name(), model) != null) {
                throw new IllegalStateException("two forecast models are named " + model.name());
            }
        }
    }

    public Optional<ForecastModel> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Set<String> names() {
        return byName.keySet();
    }
}
