package io.vpclattice.multicluster.accounts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Who the environment serves besides its own account, as the {@code sharedWith} key lists it: AWS accounts, an
 * AWS Organization, or organizational units. These become the principals of the environment's RAM share and the
 * principals its service network's auth policy admits. Empty: everything stays in the environment's account.
 *
 * @param accounts      12-digit account ids
 * @param organizations organization ARNs ({@code arn:aws:organizations::<management>:organization/o-...})
 * @param units         organizational unit ARNs ({@code arn:aws:organizations::<management>:ou/o-.../ou-...})
 */
public record SharedWith(List<String> accounts, List<String> organizations, List<String> units) {
    public static final SharedWith NOBODY = new SharedWith(List.of(), List.of(), List.of());

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern ORGANIZATION =
            Pattern.compile("arn:(aws|aws-cn|aws-us-gov):organizations::\\d{12}:organization/(o-[a-z0-9]{10,32})");
    private static final Pattern UNIT = Pattern.compile(
            "arn:(aws|aws-cn|aws-us-gov):organizations::\\d{12}:ou/(o-[a-z0-9]{10,32})/(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})");

    public SharedWith {
        accounts = List.copyOf(accounts);
        organizations = List.copyOf(organizations);
        units = List.copyOf(units);
    }

    /** What is wrong with one entry of {@code sharedWith}, if anything. */
    public static Optional<String> problem(String entry) {
        if (ACCOUNT.matcher(entry).matches()
                || ORGANIZATION.matcher(entry).matches()
                || UNIT.matcher(entry).matches()) {
            return Optional.empty();
        }
        return Optional.of(
                "expected a 12-digit AWS account id, an organization ARN "
                        + "(arn:aws:organizations::<account>:organization/o-...) or an OU ARN (arn:aws:organizations::<account>:ou/o-.../ou-...)");
    }

    /** @param entries valid entries (see {@link #problem}) */
    public static SharedWith of(List<String> entries) {
        var accounts = new ArrayList<String>();
        var organizations = new ArrayList<String>();
        var units = new ArrayList<String>();
        for (String entry : entries) {
            if (ACCOUNT.matcher(entry).matches()) {
                accounts.add(entry);
            } else if (ORGANIZATION.matcher(entry).matches()) {
                organizations.add(entry);
            } else {
                units.add(entry);
            }
        }
        return new SharedWith(accounts, organizations, units);
    }

    public boolean isEmpty() {
        return accounts.isEmpty() && organizations.isEmpty() && units.isEmpty();
    }

    /** The principals of a RAM share: account ids and organization or OU ARNs, as given. */
    public List<String> principals() {
        var principals = new ArrayList<String>(accounts);
        principals.addAll(organizations);
        principals.addAll(units);
        return principals;
    }

    /** Ids ({@code o-...}) of the organizations named, for {@code aws:PrincipalOrgID}. */
    public List<String> organizationIds() {
        var ids = new TreeSet<String>();
        organizations.forEach(arn -> ids.add(group(ORGANIZATION, arn, 2)));
        return List.copyOf(ids);
    }

    /**
     * Whether a cluster in {@code account} is served: listed, or possibly inside a listed organization or unit
     * (which only AWS can tell).
     */
    public boolean mayServe(String account) {
        return accounts.contains(account) || !organizations.isEmpty() || !units.isEmpty();
    }

    /**
     * What sharing with a whole organization or OU gives away, said once per such entry. RAM shares with every
     * account of the organization or unit, now and later (AWS RAM user guide, "Sharing your AWS resources": an
     * OU or organization principal). With the service network, such an account may associate its VPCs (its
     * clients then reach every service whose auth policy admits them); with the private CA, RAM's default
     * permission lets it have the CA issue end-entity certificates, and nothing limits their names, so it could
     * obtain one for a service's name under {@code domain}, which every SigV4 sidecar trusts.
     *
     * @param key the qualified {@code sharedWith} key, for the message
     */
    public List<String> breadthWarnings(String key, String domain) {
        var warnings = new ArrayList<String>();
        organizations.forEach(arn -> warnings.add(breadthWarning(key, "the organization " + arn, domain)));
        units.forEach(arn -> warnings.add(breadthWarning(key, "the organizational unit " + arn, domain)));
        return List.copyOf(warnings);
    }

    private static String breadthWarning(String key, String whom, String domain) {
        return key + " names " + whom + ": every account in it, now and later, may associate VPCs with the service"
                + " network and have the private CA issue certificates for any name, " + domain + " names too, which"
                + " every sidecar trusts; list the member accounts' ids to share with them alone";
    }

    private static String group(Pattern pattern, String text, int group) {
        var matcher = pattern.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(text);
        }
        return matcher.group(group);
    }
}
