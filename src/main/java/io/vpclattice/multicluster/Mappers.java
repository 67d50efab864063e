package io.vpclattice.multicluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The one JSON and one YAML mapper of the program. Mappers are thread-safe once configured and costly to
 * build, so every reader and writer shares these.
 */
public final class Mappers {
    private Mappers() {}

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final ObjectMapper YAML = new YAMLMapper();
}
