<?php
/**
 * Plugin Name:       W4R widgets
 * Description:       Write for Rights cases in posts and pages: a block per widget, the [w4r] shortcode, and the endpoint's case addresses as embeds.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * License:           MIT
 * Text Domain:       w4r-widgets
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

define( 'W4R_WIDGETS_VERSION', '0.1.0' );
define( 'W4R_WIDGETS_DIR', __DIR__ );

require_once __DIR__ . '/includes/settings.php';
require_once __DIR__ . '/includes/markup.php';
require_once __DIR__ . '/includes/blocks.php';

add_action( 'admin_menu', 'w4r_widgets_settings_page' );
add_action( 'admin_init', 'w4r_widgets_register_settings' );
add_action( 'init', 'w4r_widgets_register_blocks' );
add_action( 'init', 'w4r_widgets_register_oembed' );
add_shortcode( 'w4r', 'w4r_widgets_shortcode' );

/** A case's embed address pasted on a line of its own becomes the frame, as any oEmbed provider's does. */
function w4r_widgets_register_oembed() {
	$endpoint = w4r_widgets_settings()['endpoint'];
	if ( '' !== $endpoint ) {
		wp_oembed_add_provider( $endpoint . '/embed/*', $endpoint . '/oembed' );
	}
}

/** `[w4r case="gustavo-gatica" widgets="case-card,petition" locale="es" theme="amnesty" source="…" mode="iframe"]` */
function w4r_widgets_shortcode( $atts ) {
	$atts = shortcode_atts(
		array(
			'case'    => '',
			'widgets' => '',
			'locale'  => '',
			'theme'   => '',
			'source'  => '',
			'mode'    => '',
		),
		$atts,
		'w4r'
	);
	return w4r_widgets_render( $atts );
}
