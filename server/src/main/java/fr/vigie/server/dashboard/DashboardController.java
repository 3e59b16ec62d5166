package fr.vigie.server.dashboard;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Serves {@code /dashboard/<name>} as the page {@code static/dashboard/<name>/index.html}, so each dashboard has a
 * plain URL. A new dashboard is a new folder under {@code static/dashboard/}; no code.
 */
@Controller
public class DashboardController {

    @GetMapping({"/dashboard/{name:[a-z][a-z0-9-]*}", "/dashboard/{name:[a-z][a-z0-9-]*}/"})
    public String page(@PathVariable String name) {
        return "forward:/dashboard/" + name + "/index.html";
    }
}
