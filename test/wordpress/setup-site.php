<?php
/**
 * Sets up the test site with WordPress's own functions, as its installer and Plugins → Upload would:
 * installs WordPress, unzips the plugin's zip into the plugins folder and activates it, saves its settings
 * through the setting's own sanitising, adds a bare theme, and publishes the posts it is given.
 *   php setup-site.php SITE_DIR PLUGIN_ZIP '{"settings":{…},"posts":[{"title":"…","content":"…"}]}'
 * Prints {"posts":[{"title","id","url"}],"settings":{…}} as saved.
 */

[ , $site, $zip, $json ] = $argv;
$input = json_decode( $json, true );

define( 'WP_INSTALLING', true );
$_SERVER['HTTP_HOST'] = 'localhost';
require $site . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/file.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

wp_install( 'W4R test blog', 'admin', 'admin@example.org', false, '', wp_generate_password( 24 ) );

// A classic theme of one template: the post's title, its content, and what plugins add to the page.
$theme = WP_CONTENT_DIR . '/themes/w4r-test';
wp_mkdir_p( $theme );
file_put_contents( $theme . '/style.css', "/*\nTheme Name: W4R test\n*/\n" );
file_put_contents(
	$theme . '/index.php',
	'<!doctype html><html><head><?php wp_head(); ?></head><body><?php while ( have_posts() ) : the_post(); ?>' .
	'<article><h1><?php the_title(); ?></h1><?php the_content(); ?></article><?php endwhile; ?><?php wp_footer(); ?></body></html>'
);
switch_theme( 'w4r-test' );

WP_Filesystem();
$unzipped = unzip_file( $zip, WP_PLUGIN_DIR );
if ( is_wp_error( $unzipped ) ) {
	fwrite( STDERR, 'unzip: ' . $unzipped->get_error_message() . "\n" );
	exit( 1 );
}
$activated = activate_plugin( 'w4r-widgets/w4r-widgets.php' );
if ( is_wp_error( $activated ) ) {
	fwrite( STDERR, 'activate: ' . $activated->get_error_message() . "\n" );
	exit( 1 );
}
// The plugin registers its setting on admin_init, as the settings page's form is saved.
do_action( 'admin_init' );
update_option( 'w4r_widgets', $input['settings'] );

$posts = array();
foreach ( $input['posts'] as $post ) {
	$id = wp_insert_post(
		array(
			'post_title'   => $post['title'],
			'post_content' => $post['content'],
			'post_status'  => 'publish',
			'post_author'  => 1,
		),
		true
	);
	if ( is_wp_error( $id ) ) {
		fwrite( STDERR, 'post: ' . $id->get_error_message() . "\n" );
		exit( 1 );
	}
	$posts[] = array( 'title' => $post['title'], 'id' => $id, 'url' => get_permalink( $id ) );
}
echo wp_json_encode( array( 'posts' => $posts, 'settings' => get_option( 'w4r_widgets' ) ) );
