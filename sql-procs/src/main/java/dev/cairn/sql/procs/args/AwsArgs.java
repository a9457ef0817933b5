package dev.cairn.sql.procs.args;

import dev.cairn.sql.SqlException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Dolt's AWS options, shared by {@code backup}, {@code remote} and {@code clone}. They are
 * stored as the remote's parameters under their names without dashes ({@code aws-region}).
 */
public class AwsArgs {
    public static final String REGION = "aws-region";
    public static final String CREDS_TYPE = "aws-creds-type";
    public static final String CREDS_FILE = "aws-creds-file";
    public static final String CREDS_PROFILE = "aws-creds-profile";
    private static final List<String> CREDS_TYPES = List.of("role", "env", "file");

    @Option(names = "--aws-region", paramLabel = "REGION", description = "The AWS region of an aws:// URL.")
    public String region;

    @Option(names = "--aws-creds-type", paramLabel = "role|env|file", description = "Where AWS credentials come from.")
    public String credsType;

    @Option(names = "--aws-creds-file", paramLabel = "FILE", description = "AWS credentials file (with --aws-creds-type file).")
    public String credsFile;

    @Option(names = "--aws-creds-profile", paramLabel = "PROFILE", description = "AWS credentials profile.")
    public String credsProfile;

    /** The options given, keyed by their stored names, in a fixed order. */
    public Map<String, String> params() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, REGION, region);
        put(m, CREDS_TYPE, credsType);
        put(m, CREDS_FILE, credsFile);
        put(m, CREDS_PROFILE, credsProfile);
        return m;
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    /**
     * Refuses AWS options for anything but an aws:// URL (they would be silently ignored) and
     * credential types Dolt does not know.
     */
    public void checkFor(String url) {
        Map<String, String> p = params();
        if (p.isEmpty()) {
            return;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("aws://") && !lower.startsWith("s3://")) {
            String first = p.keySet().iterator().next();
            throw new SqlException("error: '--" + first + "' is only valid for aws cloud remotes in the format "
                    + "aws://dynamo-table:s3-bucket/database");
        }
        if (credsType != null && !CREDS_TYPES.contains(credsType)) {
            throw new SqlException("error: '" + credsType + "' is not a valid option for '--" + CREDS_TYPE
                    + "'. valid options are: role, env, file");
        }
    }
}
