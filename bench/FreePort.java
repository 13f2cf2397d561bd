import java.net.InetAddress;
import java.net.ServerSocket;

/** Prints a TCP port free on loopback now (bench/side-by-side starts PostgreSQL on it). */
public class FreePort {
  public static void main(String[] args) throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      System.out.println(socket.getLocalPort());
    }
  }
}
