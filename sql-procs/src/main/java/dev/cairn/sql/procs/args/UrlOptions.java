package dev.cairn.sql.procs.args;

import dev.cairn.remotes.RemoteException;
import dev.cairn.remotes.git.GitRemoteScheme;
import dev.cairn.sql.SqlException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options that qualify a remote URL, shared by {@code backup}, {@code remote} and
 * {@code clone}: Dolt's AWS options, for s3:// (and aws://) URLs, and {@code --ref}, the ref
 * a git+ URL keeps its data in. They are stored as the remote's parameters under their names
 * without dashes ({@code aws-region}, {@code ref}), so a later sync uses them again.
 */
public class UrlOptions {
    public static final String REGION = "aws-region";
    public static final String CREDS_TYPE = "aws-creds-type";
    public static final String CREDS_FILE = "aws-creds-file";
    public static final String CREDS_PROFILE = "aws-creds-profile";
    public static final String REF = "ref";
    private static final List<String> CREDS_TYPES = List.of("role", "env", "file");

    @Option(names = "--aws-region", paramLabel = "REGION", description = "The AWS region of an aws:// URL.")
    public String region;

    @Option(names = "--aws-creds-type", paramLabel = "role|env|file", description = "Where AWS credentials come from.")
    public String credsType;

    @Option(names = "--aws-creds-file", paramLabel = "FILE", description = "AWS credentials file (with --aws-creds-type file).")
    public String credsFile;

    @Option(names = "--aws-creds-profile", paramLabel = "PROFILE", description = "AWS credentials profile.")
    public String credsProfile;

    @Option(names = "--ref", paramLabel = "REF",
            description = "The ref a git+ remote keeps its data in (default refs/dolt/data).")
    public String ref;

    /** The options given, keyed by their stored names, in a fixed order. */
    public Map<String, String> params() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, REGION, region);
        put(m, CREDS_TYPE, credsType);
        put(m, CREDS_FILE, credsFile);
        put(m, CREDS_PROFILE, credsProfile);
        put(m, REF, ref);
        return m;
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    /**
     * Refuses options that do not apply to {@code url} (they would be silently ignored): AWS
     * options for anything but an s3:// or aws:// URL, {@code --ref} for anything but a git+
     * URL, and credential types Dolt does not know.
     */
    public void checkFor(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (ref != null && !lower.startsWith("git+")) {
            throw new SqlException("error: '--" + REF + "' is only valid for git remotes "
                    + "(git+file://, git+https://, git+ssh://)");
        }
        if (ref != null) {
            try {
                GitRemoteScheme.checkRef(ref);
            } catch (RemoteException e) {
                throw new SqlException("error: '--" + REF + "': " + e.getMessage());
            }
        }
        Map<String, String> aws = params();
        aws.remove(REF);
        if (aws.isEmpty()) {
            return;
        }
        if (!lower.startsWith("aws://") && !lower.startsWith("s3://")) {
            String first = aws.keySet().iterator().next();
            throw new SqlException("error: '--" + first + "' is only valid for aws cloud remotes in the format "
                    + "aws://dynamo-table:s3-bucket/database");
        }
        if (credsType != null && !CREDS_TYPES.contains(credsType)) {
            throw new SqlException("error: '" + credsType + "' is not a valid option for '--" + CREDS_TYPE
                    + "'. valid options are: role, env, file");
        }
    }
}
