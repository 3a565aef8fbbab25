package dev.gazette.testing;

/** The public half of the platform's throw-away DKIM key in application.properties (%test, d=example.com). */
public final class TestDkim {

    public static final String PLATFORM_PUBLIC_KEY = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAhGobNRKpNTPHJRa1UVpzbzhczilOrf/n2l2N3SmhiiiaKspM/twOx7aCh+nYh92EKtY/skFWlWdJfKKMp4gVsrK+TLLSyqtdibYqSXJe6lxId64wXCk99iXuKxfvWeBRCz4RbJVOqcEi/fI7+fTfqbub4vFvm6C1JftOy+u8bdG2LuzbKhCEuMoL0bn5Bx9TfhgT0ZvLuy/hZZ1z056ouMF1eXdWxRLQJjuKfWbfaSPGie2IHIqHehRU7K9NZI8RW0mvdNUXviwlZLClqqfPzmAprq33FeI2RPGO+tuUmKPDRlJX+XMc+gwUZx8fiY9lJGE83xGDIzFjuaiP68RAWQIDAQAB";

    private TestDkim() {
    }
}
