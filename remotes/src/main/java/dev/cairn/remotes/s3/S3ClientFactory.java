package dev.cairn.remotes.s3;

import dev.cairn.remotes.RemoteException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the SDK client for an {@link S3Location} and {@link AwsCredentialOptions}: the one
 * place that decides the HTTP client, region, endpoint and credentials, so the store itself
 * only issues requests.
 *
 * <p>Credentials are resolved here, before any request, so that missing ones give one clear
 * line instead of the SDK's list of every provider it tried. The region never comes from the
 * EC2 metadata service (a slow network call off EC2): it is the URL's, then
 * {@code --aws-region}, then {@code AWS_REGION} or the profile's, else {@code us-east-1} with
 * cross-region access, which follows S3's redirect to the bucket's real region.
 */
final class S3ClientFactory {
    private static final String DEFAULT_REGION = "us-east-1";

    private S3ClientFactory() {
    }

    /**
     * The clients for one store, sharing credentials: {@code retrying} (with its pooled HTTP
     * client {@code http}) for everything that can safely be sent again (by the retry
     * decorator; neither client retries on its own), {@code once} (with
     * {@code onceHttp}) for the manifest's conditional write, where a retry after a lost
     * response would find its own write and report a lost race (see
     * {@link S3BlobStore#putManifest}).
     */
    record Clients(S3Client retrying, S3Client once, SdkHttpClient http, SdkHttpClient onceHttp)
            implements AutoCloseable {
        @Override
        public void close() {
            retrying.close();
            once.close();
            http.close();
            onceHttp.close();
        }
    }

    static Clients build(S3Location where, AwsCredentialOptions options) {
        AwsCredentialsProvider credentials = credentials(where, options);
        String region = region(where, options);
        SdkHttpClient http = http(32);
        SdkHttpClient onceHttp = http(4);
        return new Clients(client(where, region, credentials, http, true),
                client(where, region, credentials, onceHttp, false), http, onceHttp);
    }

    private static SdkHttpClient http(int maxConnections) {
        return ApacheHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(120))
                .maxConnections(maxConnections)
                .build();
    }

    private static S3Client client(S3Location where, String region, AwsCredentialsProvider credentials,
            SdkHttpClient http, boolean retry) {
        S3ClientBuilder b = S3Client.builder()
                .credentialsProvider(credentials)
                .httpClient(http)
                .forcePathStyle(where.pathStyle());
        // The SDK retries nothing itself: RetryingBlobStore, composed over every network store
        // in RemoteDecorators, retries what S3Errors classifies as transient, so one policy
        // (and one setting, CAIRN_REMOTE_RETRIES) holds for every scheme.
        if (retry) {
            b.overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
        } else {
            // The manifest write on a fresh connection: a pooled one the server has since
            // closed would fail a write that never reached it.
            b.overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
                    .putHeader("Connection", "close"));
        }
        if (where.endpoint() != null) {
            // Servers that speak S3 but are not AWS often reject the checksums the SDK adds by
            // default since 2.30; send them only where an operation requires one.
            b.endpointOverride(where.endpoint())
                    .region(Region.of(region == null ? DEFAULT_REGION : region))
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        } else {
            b.region(Region.of(region == null ? DEFAULT_REGION : region)).crossRegionAccessEnabled(region == null);
        }
        return b.build();
    }

    private static String region(S3Location where, AwsCredentialOptions options) {
        if (where.region() != null) {
            return where.region();
        }
        if (options.region() != null) {
            return options.region();
        }
        for (AwsRegionProvider p : new AwsRegionProvider[] {new SystemSettingsRegionProvider(),
                new AwsProfileRegionProvider(null, options.profile())}) {
            try {
                Region r = p.getRegion();
                if (r != null) {
                    return r.id();
                }
            } catch (SdkClientException | IllegalStateException notThere) {
                // try the next place
            }
        }
        return null;
    }

    /** The provider the options ask for, checked to yield credentials now. */
    private static AwsCredentialsProvider credentials(S3Location where, AwsCredentialOptions options) {
        String type = options.type() == null ? "role" : options.type();
        AwsCredentialsProvider provider;
        String hint;
        switch (type) {
            case "env":
                provider = EnvironmentVariableCredentialsProvider.create();
                hint = "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set (--aws-creds-type env)";
                break;
            case "file": {
                String profile = options.profile() == null ? "default" : options.profile();
                ProfileCredentialsProvider.Builder pb = ProfileCredentialsProvider.builder().profileName(profile);
                if (options.file() != null) {
                    Path file = Path.of(options.file());
                    if (!Files.isRegularFile(file)) {
                        throw new RemoteException("no AWS credentials for '" + where + "': credentials file '"
                                + options.file() + "' does not exist");
                    }
                    pb.profileFile(ProfileFile.builder().content(file).type(ProfileFile.Type.CREDENTIALS).build());
                }
                provider = pb.build();
                hint = "no credentials for profile '" + profile + "' in "
                        + (options.file() == null ? "the AWS credentials file" : "'" + options.file() + "'");
                break;
            }
            default: {
                DefaultCredentialsProvider.Builder db = DefaultCredentialsProvider.builder();
                if (options.profile() != null) {
                    db.profileName(options.profile());
                }
                provider = db.build();
                hint = "none found in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, the AWS profile files or an IAM role";
                break;
            }
        }
        try {
            provider.resolveCredentials();
        } catch (SdkClientException | IllegalStateException | IllegalArgumentException e) {
            throw new RemoteException("no AWS credentials for '" + where + "': " + hint, e);
        }
        return provider;
    }
}
