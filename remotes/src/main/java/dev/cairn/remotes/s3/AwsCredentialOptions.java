package dev.cairn.remotes.s3;

import dev.cairn.remotes.RemoteException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Dolt's {@code --aws-region}, {@code --aws-creds-type}, {@code --aws-creds-file} and
 * {@code --aws-creds-profile}, as a remote's parameters carry them ({@code aws-region} etc.).
 * Plain Java: {@link S3ClientFactory} turns them into an SDK credentials provider.
 *
 * <p>Types: {@code role} (and no type) use the SDK's default chain, which ends with the
 * instance's or task's IAM role; {@code env} only {@code AWS_ACCESS_KEY_ID} and
 * {@code AWS_SECRET_ACCESS_KEY}; {@code file} only a credentials file, the given one or
 * {@code ~/.aws/credentials}.
 *
 * @param region the region, or null
 * @param type role, env, file, or null for the default chain
 * @param file the credentials file, or null
 * @param profile the profile to read, or null for the default one
 */
public record AwsCredentialOptions(String region, String type, String file, String profile) {
    public static final String REGION = "aws-region";
    public static final String CREDS_TYPE = "aws-creds-type";
    public static final String CREDS_FILE = "aws-creds-file";
    public static final String CREDS_PROFILE = "aws-creds-profile";

    static final Set<String> PARAMS = Set.of(REGION, CREDS_TYPE, CREDS_FILE, CREDS_PROFILE);
    private static final List<String> TYPES = List.of("role", "env", "file");

    /**
     * Reads the AWS parameters of a remote.
     *
     * @throws RemoteException for a parameter that is not an AWS one, or a bad value
     */
    public static AwsCredentialOptions of(Map<String, String> params, String shownUrl) {
        for (String k : params.keySet()) {
            if (!PARAMS.contains(k)) {
                throw new RemoteException("parameter '" + k + "' does not apply to s3 URLs");
            }
        }
        String type = params.get(CREDS_TYPE);
        if (type != null && !TYPES.contains(type)) {
            throw new RemoteException("error: '" + type + "' is not a valid option for '--" + CREDS_TYPE
                    + "'. valid options are: role, env, file");
        }
        String file = blankToNull(params.get(CREDS_FILE));
        if (file != null && type != null && !type.equals("file")) {
            throw new RemoteException("'--" + CREDS_FILE + "' needs '--" + CREDS_TYPE + " file', not '" + type
                    + "', for '" + shownUrl + "'");
        }
        if (file != null && type == null) {
            type = "file";
        }
        return new AwsCredentialOptions(blankToNull(params.get(REGION)), type, file,
                blankToNull(params.get(CREDS_PROFILE)));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
