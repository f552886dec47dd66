package io.carveout.testing;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The fixture files of a folder of the test resources, in name order. */
public final class ResourceFixtures {
    private ResourceFixtures() {
    }

    /** The folder {@code /name} of the test resources. */
    public static Path folder(String name) throws URISyntaxException {
        return Path.of(ResourceFixtures.class.getResource("/" + name).toURI());
    }

    /** The files of the folder whose name passes {@code wanted}, sorted. */
    public static List<Path> files(Path folder, Predicate<String> wanted) throws IOException {
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.filter(p -> wanted.test(p.getFileName().toString())).sorted().toList();
        }
    }
}
