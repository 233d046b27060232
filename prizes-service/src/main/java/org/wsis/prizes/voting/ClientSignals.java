package org.wsis.prizes.voting;

import org.wsis.prizes.PrizesConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Where a vote came from, as an audit needs it. The client address is read from X-Forwarded-For only
 * as far as the chain is made of configured trusted proxies (the gateway appends the address it saw):
 * walking from the right, the first hop that is not a trusted proxy is the client. A client cannot
 * forge its address by sending its own X-Forwarded-For, since that part lies left of an untrusted hop.
 * The device is a hash of the User-Agent and Accept-Language headers (what a script rarely varies).
 */
@ApplicationScoped
public class ClientSignals {
    private final List<Cidr> trustedProxies;

    public ClientSignals(PrizesConfig config) {
        this.trustedProxies = config.voting().trustedProxies().stream().map(Cidr::parse).toList();
    }

    /** The client's address: {@code remote} unless it is a trusted proxy, then the right-most untrusted X-Forwarded-For hop. */
    public String clientAddress(String remote, String forwardedFor) {
        String client = strip(remote);
        if (forwardedFor == null || forwardedFor.isBlank() || !isTrusted(client)) {
            return client;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = strip(hops[i]);
            if (hop.isEmpty() || parse(hop) == null) {
                return client; // a malformed hop: stop at the last address we could trust
            }
            client = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    public static String deviceHash(String userAgent, String acceptLanguage) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(((userAgent == null ? "" : userAgent) + "\n" + (acceptLanguage == null ? "" : acceptLanguage))
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean isTrusted(String address) {
        byte[] bytes = parse(address);
        return bytes != null && trustedProxies.stream().anyMatch(c -> c.contains(bytes));
    }

    private static String strip(String address) {
        if (address == null) {
            return "";
        }
        String a = address.strip();
        if (a.startsWith("[") && a.contains("]")) {
            return a.substring(1, a.indexOf(']'));
        }
        // "1.2.3.4:5678" (a port) but not an IPv6 address
        if (a.indexOf(':') > 0 && a.indexOf(':') == a.lastIndexOf(':') && a.contains(".")) {
            return a.substring(0, a.indexOf(':'));
        }
        return a;
    }

    /** The address's bytes, or null unless it is a literal IPv4/IPv6 address (never a DNS lookup). */
    static byte[] parse(String literal) {
        if (literal.isEmpty() || !(literal.contains(":") || literal.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
            return null;
        }
        if (!literal.chars().allMatch(c -> c == '.' || c == ':' || Character.digit(c, 16) >= 0)) {
            return null;
        }
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    record Cidr(byte[] network, int bits) {
        static Cidr parse(String text) {
            String[] parts = text.strip().split("/");
            byte[] address = ClientSignals.parse(parts[0]);
            if (address == null) {
                throw new IllegalArgumentException("prizes.voting.trusted-proxies: not an address: " + text);
            }
            return new Cidr(address, parts.length > 1 ? Integer.parseInt(parts[1]) : address.length * 8);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
